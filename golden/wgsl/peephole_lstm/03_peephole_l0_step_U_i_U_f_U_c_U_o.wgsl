// peephole_l0_step_U_i_U_f_U_c_U_o: one time step of peephole_l0: U_i|U_f|U_c|U_o (peephole_lstm.cell:27)
// one thread per element of [80, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1600u) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  var U_i_U_f_U_c_U_o: f32;
  if (i0 < 20u) {
    let U_i = params_buf[800u + (i0 - 0u) * 20u + i1];
    U_i_U_f_U_c_U_o = U_i;
  } else if (i0 < 40u) {
    let U_f = params_buf[1200u + (i0 - 20u) * 20u + i1];
    U_i_U_f_U_c_U_o = U_f;
  } else if (i0 < 60u) {
    let U_c = params_buf[1600u + (i0 - 40u) * 20u + i1];
    U_i_U_f_U_c_U_o = U_c;
  } else {
    let U_o = params_buf[2000u + (i0 - 60u) * 20u + i1];
    U_i_U_f_U_c_U_o = U_o;
  }
  work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + i0 * 20u + i1] = U_i_U_f_U_c_U_o;
}
