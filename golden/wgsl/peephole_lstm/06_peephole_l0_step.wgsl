// peephole_l0_step: one time step of peephole_l0: h', c' (peephole_lstm.cell:29-31)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 5u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 5u;
  let rest = id / 5u;
  let i0 = rest;
  let hoisted19 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 15u];
  let matmul21 = work_buf[28u * sizes.B * sizes.T + 15u * sizes.B + i0 * 20u + i1 + 15u];
  let add45 = (hoisted19 + matmul21);
  let p_o = params_buf[610u + i1];
  let hoisted19_2 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 5u];
  let matmul21_2 = work_buf[28u * sizes.B * sizes.T + 15u * sizes.B + i0 * 20u + i1 + 5u];
  let add30 = (hoisted19_2 + matmul21_2);
  let p_f = params_buf[605u + i1];
  let c = work_buf[28u * sizes.B * sizes.T + 35u * sizes.B + ((sizes.T - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1];
  let mul31 = (p_f * c);
  let add32 = (add30 + mul31);
  let b_f = params_buf[620u + i1];
  let add33 = (add32 + b_f);
  let f = sigmoid4(add33);
  let mul35 = (f * c);
  let hoisted19_3 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 0u];
  let matmul21_3 = work_buf[28u * sizes.B * sizes.T + 15u * sizes.B + i0 * 20u + i1 + 0u];
  let add23 = (hoisted19_3 + matmul21_3);
  let p_i = params_buf[600u + i1];
  let mul24 = (p_i * c);
  let add25 = (add23 + mul24);
  let b_i = params_buf[615u + i1];
  let add26 = (add25 + b_i);
  let i = sigmoid4(add26);
  let hoisted19_4 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 10u];
  let matmul21_4 = work_buf[28u * sizes.B * sizes.T + 15u * sizes.B + i0 * 20u + i1 + 10u];
  let add38 = (hoisted19_4 + matmul21_4);
  let b_c = params_buf[625u + i1];
  let add39 = (add38 + b_c);
  let tanh40 = tanh_safe4(add39);
  let mul41 = (i * tanh40);
  let c_next = (mul35 + mul41);
  let mul46 = (p_o * c_next);
  let add47 = (add45 + mul46);
  let b_o = params_buf[630u + i1];
  let add48 = (add47 + b_o);
  let o = sigmoid4(add48);
  let tanh50 = tanh_safe4(c_next);
  let h_next = (o * tanh50);
  work_buf[3u * sizes.B * sizes.T + write_slot * 5u * sizes.B + i0 * 5u + i1] = h_next;
  work_buf[28u * sizes.B * sizes.T + 35u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1] = c_next;
}
